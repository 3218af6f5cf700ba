"""Jobs on a Thai page: an import and an audit run as jobs, and their titles, live progress
notes and errors (a file that cannot be read, rows that cannot be imported) read in Thai, with
no Latin-script words but the data's (file names) and proper names. The API stays English and
carries the coded forms beside."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from kolscope.bootstrap import Workspace
from kolscope.catalogue.importing.jobs import submit_import
from kolscope.catalogue.importing.plan import ImportOptions
from kolscope.entrypoints.web.app import create_app
from kolscope.jobs.db.job_store import SqlJobStore
from kolscope.vetting import messages as vetting_said
from tests.e2e.conftest import People, log_in
from tests.factories import write_csv

THAI = {"accept-language": "th-TH,th;q=0.9"}
NAMES = {"csv", "xlsx", "utf", "instagram", "tiktok", "youtube", "kol"}
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def latin_words(text: str, *data: str) -> list[str]:
    """The Latin-script words of ``text`` once the data (file names) is taken out."""
    text = re.sub(r"<[^>]+>|&#?\w+;", " ", text)  # tags and entities are not words
    for value in data:
        text = text.replace(value, "")
    words = re.findall(r"[A-Za-z]+(?:['’-][A-Za-z]+)*", text)
    return [word for word in words if word.lower() not in NAMES]


def _upload(client: TestClient, csrf: str, path: Path, **form: str) -> Any:
    with path.open("rb") as handle:
        return client.post(
            "/imports/new",
            data={"csrf_token": csrf, **form},
            files={"file": (path.name, handle, "text/csv")},
        )


def _text_of(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</', page, re.S)
    assert found, f"no #{element_id} on the page"
    return found.group(1).strip()


def test_an_import_job_reads_in_thai(filled: Workspace, people: People, tmp_path: Path) -> None:
    client = TestClient(create_app(filled), follow_redirects=False)
    csrf = log_in(client, filled, people.owner)
    client.headers.update(THAI)
    name = "ig-2026-11-01.csv"
    path = write_csv(
        tmp_path / name,
        [
            ["rank", "platform", "handle", "followers", "province"],  # rank: a column note
            ["1", "instagram", "new.one", "900", "Atlantis"],  # a warning: left empty
            ["2", "instagram", "", "5", "Bangkok"],  # a problem: no handle
        ],
    )
    uploaded = _upload(client, csrf, path)
    assert uploaded.status_code == 303, uploaded.text
    draft = uploaded.headers["location"].rsplit("/", 1)[1]
    queued = client.post(f"/imports/draft/{draft}", data={"csrf_token": csrf, "action": "import"})
    assert queued.status_code == 303, queued.text
    job_id = int(queued.headers["location"].rsplit("/", 1)[1])

    waiting = client.get(f"/jobs/{job_id}").text
    title = re.search(r"<h1>(.*?)</h1>", waiting)
    assert title
    assert title.group(1) == f"นำเข้าไฟล์ {name}"

    done = filled.jobs.run(job_id)
    assert done is not None
    assert done.status.value == "failed"  # a row without a handle: all or nothing
    page = client.get(f"/jobs/{job_id}").text
    error = _text_of(page, "job-error")
    assert "ไม่ได้นำเข้าอะไรเลย" in error
    assert latin_words(error, name) == [], error
    problems = re.search(r'<ul class="problems">(.*?)</ul>', page, re.S)
    assert problems
    assert "ขาดข้อมูล" in problems.group(1)
    assert latin_words(problems.group(1), name) == [], problems.group(1)
    listed = client.get("/imports").text
    assert f">นำเข้าไฟล์ {name}</a>" in listed

    # the API stays English, with the coded forms beside
    api = client.get(f"/api/jobs/{job_id}").json()
    assert api["title"] == f"Import of {name}"
    assert api["title_message"]["code"] == "import.job.title"
    assert api["title_message"]["params"] == {"file": name}
    assert api["error"].startswith("1 problem in the rows, so nothing was imported")
    assert api["error_message"]["code"] == "import.job.failed.first"
    assert api["note_message"]["code"] == "import.job.note"
    assert api["message"] == f"importing {name}"
    report = api["result"]  # the import report and plans, with their coded forms
    assert report["files"][0]["file"] == name  # the file's name, not the server's folder
    assert str(tmp_path) not in str(api)
    assert "every row needs the account's handle" in report["files"][0]["problems"][0]
    assert report["files"][0]["problem_messages"][0]["code"] == "import.problem"
    warned = report["files"][0]["warning_messages"]
    assert warned
    assert all(set(w) == {"code", "params", "text"} for w in warned)
    columns = report["plans"][0]["columns"]
    assert any(c["note_message"] for c in columns)
    assert report["plans"][0]["kind_reason_message"]["code"].startswith("import.")


def test_a_file_that_cannot_be_read_says_why_in_thai(
    filled: Workspace, people: People, tmp_path: Path
) -> None:
    client = TestClient(create_app(filled), follow_redirects=False)
    csrf = log_in(client, filled, people.owner)
    client.headers.update(THAI)
    path = write_csv(tmp_path / "list.csv", [["handle", "followers"], ["mint.review", "9000"]])
    uploaded = _upload(client, csrf, path)
    assert uploaded.status_code == 303, uploaded.text
    review = client.get(uploaded.headers["location"]).text
    said = re.search(r'<p class="error" role="alert">(.*?)</p>', review, re.S)
    assert said, review
    assert "แพลตฟอร์ม" in said.group(1)
    assert latin_words(said.group(1), "list.csv") == [], said.group(1)
    # in the background the job fails with the same reason, in Thai on its page
    job = submit_import(filled.jobs, [path], ImportOptions(), user_id=people.owner.id)
    filled.jobs.run(job.id)
    error = _text_of(client.get(f"/jobs/{job.id}").text, "job-error")
    assert "แพลตฟอร์ม" in error
    assert latin_words(error, "list.csv") == [], error
    english = client.get(f"/api/jobs/{job.id}").json()
    assert "cannot tell which platform this file is from" in english["error"]
    assert english["error_message"]["code"] == "import.problem"


def test_an_audit_job_reads_in_thai_while_it_runs(filled: Workspace, people: People) -> None:
    client = TestClient(create_app(filled), follow_redirects=False)
    csrf = log_in(client, filled, people.owner)
    client.headers.update(THAI)
    queued = client.post("/audits/run", data={"csrf_token": csrf})
    assert queued.status_code == 303
    job_id = int(queued.headers["location"].rsplit("/", 1)[1])
    # halfway through, as a worker reports it
    store = SqlJobStore(filled.engine)
    assert store.claim(job_id, NOW)
    store.progress(job_id, 1, 2, vetting_said.AUDITED(done=1, total=2), NOW)
    page = client.get(f"/jobs/{job_id}").text
    title = re.search(r"<h1>(.*?)</h1>", page)
    assert title
    assert title.group(1) == "การตรวจสอบทุกบัญชี"
    note = _text_of(page, "job-message")
    assert note == "ตรวจสอบแล้ว 1 จาก 2 บัญชี"
    live = client.get(f"/jobs/{job_id}/progress").json()  # what jobs.js shows
    assert live["note"] == note
    assert live["title"] == "การตรวจสอบทุกบัญชี"
    assert live["status_text"] == "กำลังทำงาน"
    assert latin_words(" ".join([live["note"], live["title"], live["count"]])) == []
    english = client.get(f"/api/jobs/{job_id}").json()
    assert english["message"] == "audited 1 of 2 accounts"
    assert english["note_message"]["code"] == "audit.job.note.audited"
    assert english["title"] == "Audit of every account"
    assert english["title_message"]["code"] == "audit.job.title.all"
    assert store.requeue(job_id)
    finished = filled.jobs.run(job_id)
    assert finished is not None
    assert finished.status.value == "succeeded"
    report = client.get(f"/jobs/{job_id}").text
    assert latin_words(_text_of(report, "job-message")) == []


def test_a_bad_customer_list_says_why_in_thai(filled: Workspace, people: People) -> None:
    client = TestClient(create_app(filled), follow_redirects=False)
    csrf = log_in(client, filled, people.owner)
    client.headers.update(THAI)
    broken = client.post(
        "/discover/match",
        data={"csrf_token": csrf},
        files={"file": ("fans.txt", b"good.handle\nok.too\n\xff\xfe bad", "text/plain")},
    )
    assert broken.status_code == 400
    said = re.search(r'id="search-error">(.*?)</p>', broken.text, re.S)
    assert said, broken.text
    assert "fans.txt: แถวที่ 3" in said.group(1)
    assert latin_words(said.group(1), "fans.txt") == []
    api = client.post(
        "/api/creators/match",
        files={"file": ("fans.txt", b"good.handle\n\xff bad", "text/plain")},
        headers={"X-CSRF-Token": csrf},
    )
    assert api.status_code == 400
    assert api.json()["detail"] == "fans.txt: row 2: not UTF-8 text"  # the API stays English


def test_a_job_failing_unexpectedly_says_so_in_thai(filled: Workspace, people: People) -> None:
    client = TestClient(create_app(filled), follow_redirects=False)
    log_in(client, filled, people.owner)
    client.headers.update(THAI)

    def broken(params: Any, progress: Any) -> dict[str, Any]:
        raise ValueError("invalid literal for int() with base 10: 'x'")

    filled.jobs.register("broken", broken)
    job = filled.jobs.submit(
        "broken",
        "Broken",
        {},
        user_id=people.owner.id,
        organisation_id=people.owner.organisation.id,
    )
    filled.jobs.run(job.id)
    error = _text_of(client.get(f"/jobs/{job.id}").text, "job-error")
    assert "ไม่คาดคิด" in error
    assert "(ValueError)" in error  # the exception's kind, as it is named
    assert latin_words(error, "ValueError") == [], error
    english = client.get(f"/api/jobs/{job.id}").json()  # the API keeps the English details
    assert english["error"] == "ValueError: invalid literal for int() with base 10: 'x'"
    assert english["error_message"]["code"] == "job.error.unexpected"

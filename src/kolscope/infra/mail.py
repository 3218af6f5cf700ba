"""Sending mail through the SMTP server named by ``KOLSCOPE_SMTP_URL``."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlparse


def send_mail(smtp_url: str, sender: str, to: str, subject: str, body: str) -> None:
    """Send a plain-text message. ``smtp://user:pass@host:port`` (STARTTLS when offered) or
    ``smtps://…`` (TLS from the start)."""
    url = urlparse(smtp_url)
    if url.scheme not in {"smtp", "smtps"} or not url.hostname:
        raise ValueError("KOLSCOPE_SMTP_URL must look like smtp://user:password@host:587")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message.set_content(body)
    port = url.port or (465 if url.scheme == "smtps" else 25)
    client: smtplib.SMTP = (
        smtplib.SMTP_SSL(url.hostname, port, timeout=20)
        if url.scheme == "smtps"
        else smtplib.SMTP(url.hostname, port, timeout=20)
    )
    with client:
        if url.scheme == "smtp":
            client.ehlo()
            if client.has_extn("starttls"):
                client.starttls()
                client.ehlo()
        if url.username:
            client.login(unquote(url.username), unquote(url.password or ""))
        client.send_message(message)

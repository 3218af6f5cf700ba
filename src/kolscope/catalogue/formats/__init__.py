"""Reading CSV, JSON/JSONL and XLSX exports: detection, column mapping and row parsing."""

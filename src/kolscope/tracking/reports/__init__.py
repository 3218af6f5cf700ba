"""Marketplace affiliate reports (Shopee, Lazada, TikTok Shop): ``formats`` reads rows already
split into cells (pure), ``files`` opens CSV and XLSX files and streams their lines."""

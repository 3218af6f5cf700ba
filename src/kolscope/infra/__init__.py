"""Infrastructure every area shares: the database engine, schema, migrations and bulk writes; mail;
passwords; workspace files; table files.
"""

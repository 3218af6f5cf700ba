"""Team: organisations (tenants), people, roles, sessions, API tokens and brand grants."""

"""Background jobs: the job service, its store and the Huey queue with its workers."""

"""The bond chain on Prefect 3: both MicroStrategy reports, then bond-data, then
bond-calculations, each step only after the one before succeeded.

Each step runs the atd-pipelines image with `docker run`. Secrets come from Prefect Secret
blocks (create them once: `Secret(value="...").save("atd-mstro-password")`) and reach the
container as environment variables named with `--env NAME`, whose values Docker takes from this
process's environment: they are never on a command line, in Prefect's parameters or in its logs.
The rest of the environment (BUCKET, PGHOST, PGDATABASE, ...) is in an env file on the worker,
readable by the worker's user only.

Exit codes (see the README, "Exit codes"): 1 (unexpected: a connection, a server) and 4
(some records not written, the others were) are retried, a rerun being idempotent; 2
(configuration) and 3 (the data is wrong or a safety rail refused it) fail at once; any failure
stops the chain, so bond-data never loads from a report that failed.

SchedulerExamplesTest (pipelines/src/test/java/.../SchedulerExamplesTest.java) checks every
pipeline command below against the launcher's options: each one is a list literal that starts
with the pipeline's name.
"""
import os
import subprocess

from prefect import flow, task
from prefect.blocks.system import Secret
from prefect.runtime import flow_run

IMAGE = "atd-pipelines:latest"
ENV_FILE = "/etc/atd/bond.env"
REGION = "us-east-1"  # the bucket's region (cross-region access follows a bucket elsewhere)
# The heap is 75% of the container's memory (the image's -XX:MaxRAMPercentage=75), sized from the
# benchmarks' heaps (docs/benchmarks.md): a report read holds its pages, about 0.5 KiB a row
# (200 MiB at 200,000 rows); bond-data streams (130 MiB); bond-calculations held 1.4 GiB at
# 100,000 + 100,000 rows.
MEMORY = {"microstrategy-to-s3": "1g", "bond-data": "1g", "bond-calculations": "4g"}
SECRETS = {
    "microstrategy-to-s3": {"MSTRO_PASSWORD": "atd-mstro-password"},
    "bond-data": {"PGPASSWORD": "atd-bond-db-password"},
    "bond-calculations": {"PGPASSWORD": "atd-bond-db-password", "SO_TOKEN": "atd-socrata-app-token",
                          "SO_SECRET": "atd-socrata-api-key-secret"},
}


class PipelineFailed(Exception):
    def __init__(self, pipeline, code):
        super().__init__(f"{pipeline} exited with {code}")
        self.code = code


def retry_transient_failures(task, task_run, state) -> bool:
    """Retry exit codes 1 and 4; 2 and 3 would fail the same way until someone looks."""
    try:
        state.result()
    except PipelineFailed as failed:
        return failed.code in (1, 4)
    except Exception:
        return True
    return False


@task(retries=2, retry_delay_seconds=600, retry_condition_fn=retry_transient_failures)
def atd(command: list[str]) -> None:
    name = command[0]
    secrets = {variable: Secret.load(block).get() for variable, block in SECRETS[name].items()}
    docker = ["docker", "run", "--rm", f"--memory={MEMORY[name]}", f"--env-file={ENV_FILE}",
              "--env=ATD_LOG_FORMAT=json", *[f"--env={variable}" for variable in secrets], IMAGE, *command]
    code = subprocess.run(docker, env={**os.environ, **secrets}).returncode
    if code != 0:
        raise PipelineFailed(name, code)


@flow(name="atd-bond")
def bond_chain() -> None:
    run_id = flow_run.id  # one id for the whole chain, on every log line and run report
    reports = [
        atd.submit(["microstrategy-to-s3", "--reportName=2020 Bond Expenses Obligated",
                    f"--awsRegion={REGION}", f"--runId={run_id}"]),
        atd.submit(["microstrategy-to-s3", "--reportName=All bonds Expenses Obligated",
                    f"--awsRegion={REGION}", f"--runId={run_id}"]),
    ]
    for report in reports:
        report.result()  # raises if that report failed: the chain stops here
    atd(["bond-data", f"--awsRegion={REGION}", f"--runId={run_id}"])
    atd(["bond-calculations", f"--awsRegion={REGION}", f"--runId={run_id}"])


if __name__ == "__main__":
    bond_chain.serve(name="atd-bond-daily", cron="30 6 * * *")

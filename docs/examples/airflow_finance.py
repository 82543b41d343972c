"""The finance chain on Airflow: finance-to-s3 for each record type, then s3-to-knack for each
(record type, app) and s3-to-socrata once every file is written.

Runs the atd-pipelines image with the DockerOperator (apache-airflow-providers-docker).
Secrets: `environment` is a templated field, so `{{ var.value.NAME }}` is rendered there, and
Airflow masks the value of every Variable whose name holds "password", "secret", "api_key" or
"token" in the task logs and the rendered-template view. (`private_environment` is NOT
templated: the container would get the literal "{{ var.value... }}".) Alternatively keep the
variables in a file on the worker, readable by Airflow only, and pass `env_file=` instead.

Exit codes (see the README, "Exit codes"): 0 success; 1 unexpected (a connection, a
server) and 4 (some records not written, the others were) are retried: a rerun is idempotent;
2 (configuration) and 3 (the data is wrong or a safety rail refused it) fail at once, since a
retry would fail the same way until someone looks.

SchedulerExamplesTest (pipelines/src/test/java/.../SchedulerExamplesTest.java) checks every pipeline command below against the launcher's
options: each one is a list literal that starts with the pipeline's name.
"""
import re

import pendulum
from airflow import DAG
from airflow.exceptions import AirflowFailException
from airflow.providers.docker.exceptions import DockerContainerFailedException
from airflow.providers.docker.operators.docker import DockerOperator

IMAGE = "atd-pipelines:latest"
# The heap is 75% of the container's memory (the image's -XX:MaxRAMPercentage=75). The finance
# pipelines stream their rows; 2 GiB leaves room over the benchmarks' heaps (docs/benchmarks.md).
MEMORY = "2g"
# The bucket's region (the S3 client also follows a bucket elsewhere: cross-region access).
REGION = "us-east-1"

S3 = {
    "BUCKET": "{{ var.value.finance_bucket }}",
    "AWS_ACCESS_KEY_ID": "{{ var.value.aws_access_key_id }}",
    "AWS_SECRET_ACCESS_KEY": "{{ var.value.aws_secret_access_key }}",  # masked: "secret"
}
FINANCE_DB = {
    # The old scripts' variable set: USER and PASSWORD are read only because HOST and SERVICE are set.
    "HOST": "{{ var.value.finance_db_host }}",
    "SERVICE": "{{ var.value.finance_db_service }}",
    "USER": "{{ var.value.finance_db_user }}",
    "PASSWORD": "{{ var.value.finance_db_password }}",  # masked: "password"
}
SOCRATA = {
    "SO_WEB": "data.austintexas.gov",
    "SO_TOKEN": "{{ var.value.socrata_app_token }}",  # masked: "token"
    "SO_KEY": "{{ var.value.socrata_api_key_id }}",  # masked: "api_key"
    "SO_SECRET": "{{ var.value.socrata_api_key_secret }}",  # masked: "secret"
    "TASK_DATASET": "{{ var.value.socrata_task_orders_dataset }}",
    "DEPT_UNITS_DATASET": "{{ var.value.socrata_dept_units_dataset }}",
    "FDU_DATASET": "{{ var.value.socrata_fdus_dataset }}",
    "SUBPROJECTS_DATASET": "{{ var.value.socrata_subprojects_dataset }}",
}


def knack(app):
    variable = app.replace("-", "_")
    return {
        "KNACK_APP_ID": "{{ var.value.knack_" + variable + "_app_id }}",
        "KNACK_API_KEY": "{{ var.value.knack_" + variable + "_api_key }}",  # masked: "api_key"
    }


class AtdPipeline(DockerOperator):
    """A pipeline run whose exit codes 2 and 3 fail without retries."""

    def execute(self, context):
        try:
            return super().execute(context)
        except DockerContainerFailedException as failed:
            # The provider's message carries Docker's wait() result: "... {'StatusCode': 3}".
            if re.search(r"'StatusCode': [23]\b", str(failed)):
                raise AirflowFailException(f"{self.task_id}: not retried, fix the configuration or the data: {failed}") from failed
            raise


def pipeline(task_id, command, environment):
    return AtdPipeline(
        task_id=task_id,
        image=IMAGE,
        command=command,
        environment={**environment, "ATD_LOG_FORMAT": "json"},
        mem_limit=MEMORY,
        auto_remove="success",
        retries=2,
        retry_delay=pendulum.duration(minutes=10),
    )


with DAG(
    dag_id="atd_finance",
    schedule="10 5 * * *",  # 05:10 every day, off-peak for the Knack apps' API
    start_date=pendulum.datetime(2026, 12, 1, tz="America/Chicago"),
    catchup=False,
    max_active_runs=1,
) as dag:
    to_s3 = {
        record_type: pipeline(
            f"finance_to_s3_{record_type}",
            ["finance-to-s3", f"--recordType={record_type}", f"--awsRegion={REGION}", "--runId={{ run_id }}"],
            {**FINANCE_DB, **S3},
        )
        for record_type in ["task_orders", "units", "objects", "master_agreements", "fdus", "subprojects"]
    }
    for record_type, app in [
        ("task_orders", "data-tracker"),
        ("task_orders", "finance-purchasing"),
        ("units", "data-tracker"),
        ("units", "finance-purchasing"),
        ("subprojects", "finance-purchasing"),
        ("objects", "finance-purchasing"),
        ("master_agreements", "finance-purchasing"),
    ]:
        to_s3[record_type] >> pipeline(
            f"s3_to_knack_{record_type}_{app.replace('-', '_')}",
            ["s3-to-knack", f"--recordType={record_type}", f"--app={app}", f"--awsRegion={REGION}", "--runId={{ run_id }}"],
            {**knack(app), **S3},
        )
    list(to_s3.values()) >> pipeline(
        "s3_to_socrata",
        ["s3-to-socrata", f"--awsRegion={REGION}", "--runId={{ run_id }}"],
        {**SOCRATA, **S3},
    )

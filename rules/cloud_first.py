"""Point 5, use cloud first: the service's infrastructure and deployment are kept as code."""

from __future__ import annotations

from collections.abc import Iterator

from tcop_lint.facts.deployment import KINDS, deployment_kinds
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule


@rule(
    code="TC0501",
    name="deployment-as-code",
    topic="cloud-first",
    level="note",
    summary="The service's infrastructure or deployment is kept as code in the repository.",
    rationale="""
Point 5 of the Code (use cloud first) asks teams to consider public cloud first and to use it in
a way that keeps options open. Infrastructure and deployment kept as code (Terraform,
CloudFormation, Kubernetes manifests, a Dockerfile, a platform manifest) is the evidence a
repository can hold that the service is built to run on cloud platforms, can be recreated, and
can move between providers; deployment done by hand in a console leaves no such evidence.
""",
    remediation="""
Commit the code that deploys the service. For example a container image definition:

```dockerfile
# Dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir .
CMD ["gunicorn", "app:app"]
```

and the infrastructure it runs on, e.g. Terraform under `infra/`:

```hcl
# infra/main.tf
resource "aws_ecs_service" "app" {
  name = "app"
  # ...
}
```

Recognised: Terraform (`*.tf`, `*.tf.json`, `terragrunt.hcl`), CloudFormation and SAM
templates (confirmed by `AWSTemplateFormatVersion`, `Transform: AWS::Serverless` or
`AWS::` resource types), CDK (`cdk.json`), Pulumi (`Pulumi.yaml`), Bicep, ARM templates
(`azuredeploy.json`, or a template whose `$schema` is a deployment template of any scope:
resource group, subscription, management group or tenant), Helm (`Chart.yaml`), Kubernetes
and OpenShift manifests (YAML/JSON with `apiVersion` and `kind`), `kustomization.yaml`,
Dockerfile/Containerfile, Compose files, Cloud Foundry `manifest.yml`, `serverless.yml`,
Ansible playbooks and roles, AWS Copilot, Elastic Beanstalk, App Engine `app.yaml`,
Procfile/Heroku `app.json`, `fly.toml`, `render.yaml`, `netlify.toml`, `vercel.json`, Kamal
and Nomad job files. Templates and manifests are read under `k8s/`, `kubernetes/`,
`deploy/`, `manifests/`, `openshift/`, `charts/`, `infra/`, `azure/`, `arm/`... or when
their names suggest them (`*template*`, `*stack*`, `*deployment*`...).

If deployment code is kept in another repository, record it as an attestation:

```yaml
attestations:
  cloud-first:
    evidence: https://github.com/your-org/your-service-infrastructure
    reviewed: 2026-01-31
```
""",
    attestable=True,
)
def deployment_as_code(
    repo: Repository, options: Options
) -> Iterator[Finding | Evidence]:
    found = deployment_kinds(repo)
    if not found:
        yield Finding(
            "no deployment or infrastructure code found (looked for Terraform, "
            "CloudFormation/SAM, CDK, Pulumi, Bicep/ARM, Helm, Kubernetes and OpenShift "
            "manifests, Dockerfile, Compose, Cloud Foundry, Serverless, Ansible and platform "
            "configs such as app.yaml, Procfile and fly.toml): commit the code that deploys "
            "the service, e.g. a Dockerfile and Terraform under infra/",
            id="missing-deployment-code",
            missing=True,
        )
        return
    for kind in KINDS:
        paths = found.get(kind)
        if paths:
            count = f" ({len(paths)} files)" if len(paths) > 1 else ""
            yield Evidence(paths[0], f"{kind}{count}")

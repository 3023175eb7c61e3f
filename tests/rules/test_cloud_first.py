"""TC0501 deployment-as-code: infrastructure and deployment kept as code, confirmed by content."""

from __future__ import annotations

import datetime as dt

from conftest import run_rule

CODE = "TC0501"
HINT = (
    "; if the evidence is kept outside the repository, attest it under "
    "`attestations: cloud-first:` in .tcop-lint.yml"
)
NOTHING = (
    "no deployment or infrastructure code found (looked for Terraform, CloudFormation/SAM, "
    "CDK, Pulumi, Bicep/ARM, Helm, Kubernetes and OpenShift manifests, Dockerfile, Compose, "
    "Cloud Foundry, Serverless, Ansible and platform configs such as app.yaml, Procfile and "
    "fly.toml): commit the code that deploys the service, e.g. a Dockerfile and Terraform "
    "under infra/"
)


def evidence(result) -> list[tuple[str, str]]:
    return [(e.path, e.detail) for e in result.evidence]


def test_nothing_found_is_a_note_at_the_readme(make_repo):
    root = make_repo({"README.md": "# Library\n", "src/lib.py": "x = 1\n"})
    result = run_rule(root, CODE)
    assert result.outcome == "warn"
    assert [(f.message, f.path, f.start_line, f.level) for f in result.findings] == [
        (NOTHING + HINT, "README.md", None, "note")
    ]
    assert result.evidence == []


def test_nothing_found_without_a_readme_points_at_the_root(make_repo):
    result = run_rule(make_repo({"src/main.go": "package main\n"}), CODE)
    assert [(f.path, f.start_line) for f in result.findings] == [(None, None)]


def test_dockerfile_terraform_and_compose(make_repo):
    root = make_repo(
        {
            "Dockerfile": "FROM python:3.12\n",
            "worker/Containerfile": "FROM alpine\n",
            "infra/main.tf": 'resource "null_resource" "x" {}\n',
            "infra/modules/db/main.tf": "",
            "infra/extra.tf.json": "{}",
            "docker-compose.override.yml": "services: {}\n",
            "composer.yml": "not: compose\n",
            "node_modules/pkg/Dockerfile": "FROM node\n",
            "infra/.terraform/modules/x/main.tf": "",
        }
    )
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert result.findings == []
    assert evidence(result) == [
        ("infra/extra.tf.json", "Terraform (3 files)"),
        ("Dockerfile", "Dockerfile (2 files)"),
        ("docker-compose.override.yml", "Docker Compose"),
    ]


OPENSHIFT_TEMPLATE = """\
apiVersion: template.openshift.io/v1
kind: Template
metadata:
  name: api
parameters:
  - name: NAME
objects:
  - apiVersion: apps.openshift.io/v1
    kind: DeploymentConfig
    metadata:
      name: ${NAME}
"""


def test_bcgov_openshift_templates_without_a_dockerfile(make_repo):
    root = make_repo(
        {
            "README.md": "# BC service\n",
            "COMPLIANCE.yaml": "name: compliance\nspec: []\n",
            "openshift/templates/api/api-deploy.yaml": OPENSHIFT_TEMPLATE,
            "openshift/templates/api/api-build.yaml": OPENSHIFT_TEMPLATE.replace(
                "DeploymentConfig", "BuildConfig"
            ),
            "openshift/templates/db/postgres.json": (
                '{\n  "kind": "Template",\n  "apiVersion": "v1",\n  "objects": []\n}\n'
            ),
            "openshift/README.md": "# How to deploy\n",
        }
    )
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            "openshift/templates/api/api-build.yaml",
            "OpenShift templates and manifests (3 files)",
        )
    ]


CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Description: the service
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AWS::StackName}-data"
Outputs:
  Name:
    Value: !Ref Bucket
"""


def test_cloudformation_with_a_generic_name_is_confirmed_by_content(make_repo):
    root = make_repo(
        {
            "infra/stack.yaml": CFN,
            "infra/settings.yaml": "region: eu-west-2\n",
            "infra/no-version.yml": CFN.replace(
                'AWSTemplateFormatVersion: "2010-09-09"\n', ""
            ),
            "config/template.yaml": "name: not a template\n",
        }
    )
    result = run_rule(root, CODE)
    assert evidence(result) == [
        ("infra/no-version.yml", "AWS CloudFormation (2 files)")
    ]


def test_sam_template_and_json_cloudformation(make_repo):
    root = make_repo(
        {
            "template.yaml": (
                "AWSTemplateFormatVersion: '2010-09-09'\n"
                "Transform: AWS::Serverless-2016-10-31\nResources: {}\n"
            ),
            "cfn/network.json": '{\n  "AWSTemplateFormatVersion": "2010-09-09"\n}\n',
            "azuredeploy.json": "{}",
            "main.bicep": "param location string\n",
        }
    )
    assert evidence(run_rule(root, CODE)) == [
        ("cfn/network.json", "AWS CloudFormation"),
        ("template.yaml", "AWS SAM"),
        ("main.bicep", "Azure Bicep"),
        ("azuredeploy.json", "Azure Resource Manager template"),
    ]


K8S_MULTI = """\
# The web service
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
---
apiVersion: v1
kind: Service
metadata:
  name: web
"""


def test_kubernetes_manifest_with_several_documents(make_repo):
    root = make_repo(
        {
            "deploy/k8s/web.yaml": K8S_MULTI,
            "deploy/k8s/kustomization.yaml": "resources:\n  - web.yaml\n",
            # Not a manifest: a Backstage catalog entry, and YAML outside deployment folders
            "deploy/catalog-info.yaml": (
                "apiVersion: backstage.io/v1alpha1\nkind: Component\n"
            ),
            "src/fixtures/pod.yaml": "apiVersion: v1\nkind: Pod\n",
        }
    )
    result = run_rule(root, CODE)
    assert evidence(result) == [
        ("deploy/k8s/web.yaml", "Kubernetes manifests"),
        ("deploy/k8s/kustomization.yaml", "Kustomize"),
    ]


def test_root_level_manifest_named_like_one(make_repo):
    root = make_repo({"deployment.yaml": K8S_MULTI, "values.yaml": "a: 1\n"})
    assert evidence(run_rule(root, CODE)) == [
        ("deployment.yaml", "Kubernetes manifests")
    ]


def test_helm_chart_templates_count_as_the_chart(make_repo):
    root = make_repo(
        {
            "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
            "charts/web/values.yaml": "replicas: 2\n",
            "charts/web/templates/deployment.yaml": (
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
                "  name: {{ .Release.Name }}\n"
            ),
        }
    )
    assert evidence(run_rule(root, CODE)) == [("charts/web/Chart.yaml", "Helm chart")]


def test_platform_manifests_confirmed_by_content(make_repo):
    root = make_repo(
        {
            "manifest.yml": "applications:\n  - name: app\n    memory: 256M\n",
            "docs/manifest.yml": "title: docs site\n",
            "copilot/api/manifest.yml": "name: api\ntype: Load Balanced Web Service\n",
            "app.yaml": "runtime: python312\n",
            "mobile/app.json": '{"expo": {"name": "app"}}',
            "web/app.json": '{"name": "web", "buildpacks": [{"url": "heroku/nodejs"}]}',
            "Procfile": "web: gunicorn app:app\n",
            "fly.toml": 'app = "x"\n',
            "serverless.yml": "service: x\n",
            "jobs/batch.nomad": 'job "batch" {}\n',
        }
    )
    assert evidence(run_rule(root, CODE)) == [
        ("manifest.yml", "Cloud Foundry manifest"),
        ("serverless.yml", "Serverless Framework"),
        ("copilot/api/manifest.yml", "AWS Copilot"),
        ("app.yaml", "Google App Engine"),
        ("web/app.json", "Heroku"),
        ("Procfile", "Procfile"),
        ("fly.toml", "Fly.io"),
        ("jobs/batch.nomad", "Nomad"),
    ]


def test_ansible_playbooks_and_roles(make_repo):
    root = make_repo(
        {
            "ansible/site.yml": "- hosts: web\n  roles:\n    - app\n",
            "ansible/group_vars/all.yml": "port: 80\n",
            "ansible/roles/app/tasks/main.yml": "- name: install\n  apt: name=nginx\n",
        }
    )
    assert evidence(run_rule(root, CODE)) == [("ansible/site.yml", "Ansible (2 files)")]


def test_an_in_date_attestation_stands_in_for_a_separate_infrastructure_repo(make_repo):
    reviewed = dt.date.today() - dt.timedelta(days=10)
    root = make_repo(
        {
            ".tcop-lint.yml": (
                "attestations:\n  cloud-first:\n"
                "    evidence: https://github.com/org/infra\n"
                f"    reviewed: {reviewed}\n"
            )
        }
    )
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert evidence(result) == [
        (
            ".tcop-lint.yml",
            f"attestation: https://github.com/org/infra (reviewed {reviewed})",
        )
    ]


def arm_template(schema: str) -> str:
    return (
        "{\n"
        f'  "$schema": "https://schema.management.azure.com/schemas/{schema}#",\n'
        '  "contentVersion": "1.0.0.0",\n'
        '  "resources": []\n'
        "}\n"
    )


def test_arm_templates_of_every_deployment_scope(make_repo):
    """Issue 15, pattern 21: subscription, management group and tenant templates (any case)
    are deployment as code, as resource group templates are."""
    root = make_repo(
        {
            "README.md": "# Landing zone\n",
            "infra/subscription.json": arm_template(
                "2018-05-01/subscriptionDeploymentTemplate.json"
            ),
            "arm/management-group.json": arm_template(
                "2019-08-01/managementGroupDeploymentTemplate.json"
            ),
            "deploy/Tenant.JSON": arm_template(
                "2019-08-01/TENANTDEPLOYMENTTEMPLATE.json"
            ),
            "azure/resource-group.json": arm_template(
                "2019-04-01/deploymentTemplate.json"
            ),
            # a parameters file is not a template
            "arm/management-group.parameters.json": arm_template(
                "2019-04-01/deploymentParameters.json"
            ),
        }
    )
    result = run_rule(root, CODE)
    assert result.outcome == "pass"
    assert result.findings == []
    assert evidence(result) == [
        ("arm/management-group.json", "Azure Resource Manager template (4 files)")
    ]


def test_one_subscription_scope_template_is_enough(make_repo):
    root = make_repo(
        {
            "README.md": "# Policy\n",
            "infra/policy.json": arm_template(
                "2018-05-01/subscriptionDeploymentTemplate.json"
            ),
        }
    )
    result = run_rule(root, CODE)
    assert (result.outcome, evidence(result)) == (
        "pass",
        [("infra/policy.json", "Azure Resource Manager template")],
    )

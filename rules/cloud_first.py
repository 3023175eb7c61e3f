"""Point 5, use cloud first: the service's infrastructure and deployment are kept as code.

Detection is by name first (``*.tf``, ``Chart.yaml``, ``Dockerfile``, ``fly.toml``...). Files whose
names are generic (``template.yaml``, ``manifest.yml``, ``app.yaml``, Kubernetes manifests) are
confirmed by their content, and only candidates are read: YAML/JSON under folders where
deployment code lives (``k8s/``, ``deploy/``, ``openshift/``, ``infra/``...) or with names that
suggest it. Content checks are regular expressions over the text, not YAML parsing, because
CloudFormation's short tags (``!Ref``) and Helm's Go templates are not plain YAML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from posixpath import dirname

from tcop_lint.regex import lazy_re
from tcop_lint.repository import Repository
from tcop_lint.rule import Evidence, Finding, Options, rule

_VENDORED = {
    "node_modules",
    "vendor",
    "third_party",
    "bower_components",
    ".terraform",
    ".terragrunt-cache",
    ".venv",
    "site-packages",
}
# Folders whose YAML/JSON files are worth opening to look for manifests and templates.
_DEPLOY_DIRS = {
    "k8s",
    ".k8s",
    "kubernetes",
    "kube",
    "deploy",
    "deployment",
    "deployments",
    "manifests",
    "openshift",
    ".openshift",
    "charts",
    "chart",
    "helm",
    "kustomize",
    "overlays",
    "argocd",
    "argo",
    "gitops",
    "flux",
    "clusters",
    "cloudformation",
    "cfn",
    "infra",
    "infrastructure",
    "iac",
    "aws",
    "stacks",
    "templates",
    "ops",
    "devops",
}
_CANDIDATE_NAME = re.compile(
    r"(?:.*[-_.])?(?:template|stack|cfn|cloudformation|sam|k8s|kube|kubernetes|openshift"
    r"|deployment|service|ingress|statefulset|daemonset|cronjob|route)s?(?:[-_.].*)?"
    r"\.(?:ya?ml|json|template)|.*\.template"
)
_CANDIDATE_EXTENSIONS = (".yml", ".yaml", ".json", ".template")

_CFN = lazy_re(r"""^\s*["']?AWSTemplateFormatVersion["']?\s*:""", re.MULTILINE)
_SAM = lazy_re(
    r"""^\s*["']?Transform["']?\s*:\s*\[?\s*["']?AWS::Serverless""", re.MULTILINE
)
_CFN_RESOURCES = lazy_re(r"^Resources:\s*$", re.MULTILINE)
_CFN_TYPE = lazy_re(r"""^\s+["']?Type["']?\s*:\s*["']?AWS::\w+::""", re.MULTILINE)
_ARM = lazy_re(
    r"schema\.management\.azure\.com/schemas/[^\"']*deploymentTemplate\.json"
)
_K8S_API = lazy_re(r"""^["']?apiVersion["']?\s*:\s*["']?([\w./-]+)""", re.MULTILINE)
_K8S_KIND = lazy_re(r"""^["']?kind["']?\s*:\s*["']?(\w+)""", re.MULTILINE)
_JSON_API = lazy_re(r'"apiVersion"\s*:\s*"([\w./-]+)"')
_JSON_KIND = lazy_re(r'"kind"\s*:\s*"(\w+)"')
_OPENSHIFT_KINDS = {
    "Template",
    "DeploymentConfig",
    "BuildConfig",
    "ImageStream",
    "ImageStreamTag",
    "Route",
}
_NOT_DEPLOYMENT_API = lazy_re(r"backstage\.io/", re.IGNORECASE)
_APPLICATIONS = lazy_re(r"^applications:", re.MULTILINE)
_RUNTIME = lazy_re(r"^runtime:\s*\S", re.MULTILINE)
_ANSIBLE_PLAY = lazy_re(r"^(?:- +|\s+)hosts:\s*\S", re.MULTILINE)
_TOP_LIST = lazy_re(r"^- ", re.MULTILINE)
_AZD_SERVICES = lazy_re(r"^services:", re.MULTILINE)
_KAMAL = (lazy_re(r"^service:", re.MULTILINE), lazy_re(r"^image:", re.MULTILINE))
_HEROKU_KEYS = {"buildpacks", "formation", "addons", "stack", "environments"}

# The order evidence is listed in.
KINDS = (
    "Terraform",
    "Terragrunt",
    "AWS CloudFormation",
    "AWS SAM",
    "AWS CDK",
    "CDK for Terraform",
    "Pulumi",
    "Azure Bicep",
    "Azure Resource Manager template",
    "Azure Developer CLI",
    "Packer",
    "Helm chart",
    "Kubernetes manifests",
    "OpenShift templates and manifests",
    "Kustomize",
    "Dockerfile",
    "Docker Compose",
    "Cloud Foundry manifest",
    "Serverless Framework",
    "Ansible",
    "AWS Copilot",
    "AWS Elastic Beanstalk",
    "AWS CodeDeploy",
    "Google App Engine",
    "Heroku",
    "Procfile",
    "Fly.io",
    "Render",
    "Netlify",
    "Vercel",
    "Platform.sh",
    "DigitalOcean App Platform",
    "Kamal",
    "Nomad",
)


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
`AWS::` resource types), CDK (`cdk.json`), Pulumi (`Pulumi.yaml`), Bicep, ARM
(`azuredeploy.json`), Helm (`Chart.yaml`), Kubernetes and OpenShift manifests (YAML/JSON with
`apiVersion` and `kind` under `k8s/`, `kubernetes/`, `deploy/`, `manifests/`, `openshift/`,
`charts/`, `infra/`...), `kustomization.yaml`, Dockerfile/Containerfile, Compose files, Cloud
Foundry `manifest.yml`, `serverless.yml`, Ansible playbooks and roles, AWS Copilot, Elastic
Beanstalk, App Engine `app.yaml`, Procfile/Heroku `app.json`, `fly.toml`, `render.yaml`,
`netlify.toml`, `vercel.json`, Kamal and Nomad job files.

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
            "the service, e.g. a Dockerfile and Terraform under infra/"
        )
        return
    for kind in KINDS:
        paths = found.get(kind)
        if paths:
            count = f" ({len(paths)} files)" if len(paths) > 1 else ""
            yield Evidence(paths[0], f"{kind}{count}")


def deployment_kinds(repo: Repository) -> dict[str, list[str]]:
    """Each kind of deployment code found, with its paths (shallowest first)."""
    return repo.memo("cloud_first.deployment_kinds", lambda: _detect(repo))


def _vendored(path: str) -> bool:
    return any(part in _VENDORED for part in path.split("/")[:-1])


def _order(paths: list[str]) -> list[str]:
    return sorted(set(paths), key=lambda p: (p.count("/"), p))


def _detect(repo: Repository) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}

    def add(kind: str, paths: list[str]) -> None:
        paths = [p for p in paths if not _vendored(p)]
        if paths:
            found[kind] = _order(found.get(kind, []) + paths)

    def named(pattern: str) -> list[str]:
        return repo.by_name_matching(pattern)

    def confirmed(paths: list[str], test: Callable[[str], object]) -> list[str]:
        return [p for p in paths if not _vendored(p) and test(repo.read_text(p) or "")]

    add("Terraform", [*repo.by_extension(".tf"), *named(r".+\.tf\.json")])
    add("Terragrunt", repo.by_name("terragrunt.hcl"))
    add("AWS CDK", repo.by_name("cdk.json"))
    add("CDK for Terraform", repo.by_name("cdktf.json"))
    add("Pulumi", repo.by_name("Pulumi.yaml", "Pulumi.yml"))
    add("Azure Bicep", repo.by_extension(".bicep"))
    add("Azure Resource Manager template", named(r"azuredeploy(\.[\w-]+)?\.json"))
    add(
        "Azure Developer CLI",
        confirmed(repo.by_name("azure.yaml", "azure.yml"), _AZD_SERVICES.search),
    )
    add("Packer", named(r".+\.pkr\.(hcl|json)"))
    charts = repo.by_name("Chart.yaml")
    add("Helm chart", charts)
    add("AWS SAM", repo.by_name("samconfig.toml"))
    _classify_candidates(repo, {dirname(c) for c in charts}, add)
    add(
        "Kustomize",
        repo.by_name("kustomization.yaml", "kustomization.yml", "Kustomization"),
    )
    add("Kubernetes manifests", repo.by_name("skaffold.yaml", "skaffold.yml"))
    add(
        "Dockerfile",
        named(
            r"(dockerfile|containerfile)([.-][\w.-]+)?|[\w.-]+\.(dockerfile|containerfile)"
        ),
    )
    add("Docker Compose", named(r"(docker-)?compose([.-][\w.-]+)?\.ya?ml"))
    manifests = named(r"manifest([-_.][\w.-]+)?\.ya?ml")
    copilot = [
        p for p in manifests if re.search(r"(^|/)copilot/[^/]+/manifest\.ya?ml$", p)
    ]
    add(
        "AWS Copilot",
        [*copilot, *([w] if (w := repo.find("copilot/.workspace")) else [])],
    )
    add(
        "Cloud Foundry manifest",
        confirmed([p for p in manifests if p not in copilot], _APPLICATIONS.search),
    )
    add(
        "Serverless Framework",
        named(r"serverless\.(ya?ml|json|ts|js)"),
    )
    add("Ansible", _ansible(repo))
    add(
        "AWS Elastic Beanstalk",
        [
            *repo.under(".ebextensions"),
            *repo.under(".elasticbeanstalk"),
            *repo.by_name("Dockerrun.aws.json"),
        ],
    )
    add("AWS CodeDeploy", repo.by_name("appspec.yml", "appspec.yaml"))
    add(
        "Google App Engine",
        confirmed(repo.by_name("app.yaml", "app.yml"), _RUNTIME.search),
    )
    add("Heroku", [*repo.by_name("heroku.yml"), *_heroku_app_json(repo)])
    add("Procfile", repo.by_name("Procfile"))
    add("Fly.io", repo.by_name("fly.toml"))
    add("Render", repo.by_name("render.yaml"))
    add("Netlify", repo.by_name("netlify.toml"))
    add("Vercel", repo.by_name("vercel.json"))
    add("Platform.sh", repo.by_name(".platform.app.yaml"))
    add(
        "DigitalOcean App Platform",
        [p for p in repo.in_directory(".do") if p.endswith((".yaml", ".yml"))],
    )
    add(
        "Kamal",
        confirmed(
            [p for p in repo.by_name("deploy.yml") if p.endswith("config/deploy.yml")],
            lambda text: all(r.search(text) for r in _KAMAL),
        ),
    )
    add("Nomad", named(r".+\.nomad(\.hcl)?"))
    return found


def _classify_candidates(
    repo: Repository,
    chart_dirs: set[str],
    add: Callable[[str, list[str]], None],
) -> None:
    """Open the YAML/JSON files that may be templates or manifests and classify each."""
    hits: dict[str, list[str]] = {}
    # folder -> (left out, a deployment folder), decided once per folder
    folders: dict[str, tuple[bool, bool]] = {}
    for path in repo.by_extension(*_CANDIDATE_EXTENSIONS):
        folder, _, name = path.rpartition("/")
        if folder not in folders:
            # the checks take a file's path: ask them about a file in this folder
            inside = f"{folder}/x" if folder else "x"
            folders[folder] = (
                _vendored(inside) or _in_chart_templates(inside, chart_dirs),
                not _DEPLOY_DIRS.isdisjoint(folder.lower().split("/")),
            )
        left_out, deployment_folder = folders[folder]
        if left_out or not (
            deployment_folder or _CANDIDATE_NAME.fullmatch(name.lower())
        ):
            continue
        kind = _classify(path, repo.read_text(path))
        if kind:
            hits.setdefault(kind, []).append(path)
    for kind, paths in hits.items():
        add(kind, paths)


def _in_chart_templates(path: str, chart_dirs: set[str]) -> bool:
    """Files in a Helm chart's templates/ are Go templates; the chart is the evidence."""
    return any(
        path.startswith(f"{chart}/templates/" if chart else "templates/")
        for chart in chart_dirs
    )


def _classify(path: str, text: str | None) -> str | None:
    if not text:
        return None
    if _SAM.search(text):
        return "AWS SAM"
    if _CFN.search(text) or (_CFN_RESOURCES.search(text) and _CFN_TYPE.search(text)):
        return "AWS CloudFormation"
    if _ARM.search(text):
        return "Azure Resource Manager template"
    is_json = path.lower().endswith(".json")
    apis = (_JSON_API if is_json else _K8S_API).findall(text)
    kinds = set((_JSON_KIND if is_json else _K8S_KIND).findall(text))
    if not apis or not kinds or _NOT_DEPLOYMENT_API.search(apis[0]):
        return None
    if kinds & _OPENSHIFT_KINDS or "openshift" in path.lower():
        return "OpenShift templates and manifests"
    return "Kubernetes manifests"


_ROLE_TASKS = lazy_re(r"(^|/)roles/[^/]+/tasks/[^/]+\.ya?ml$")
_PLAYBOOK_FOLDER = re.compile(r"/(?:ansible|playbooks?)/")
_PLAYBOOK_NAME = re.compile(r"(playbook|site|provision)[\w.-]*\.ya?ml")


def _ansible(repo: Repository) -> list[str]:
    found = [*repo.by_name("ansible.cfg")]
    yaml_files = repo.by_extension(".yml", ".yaml")
    found += [p for p in yaml_files if "roles/" in p and _ROLE_TASKS.search(p)]
    for path in yaml_files:
        folder, _, name = path.lower().rpartition("/")
        if (
            _PLAYBOOK_FOLDER.search(f"/{folder}/") or _PLAYBOOK_NAME.fullmatch(name)
        ) and "/roles/" not in f"/{path}":
            text = repo.read_text(path) or ""
            if _TOP_LIST.search(text) and _ANSIBLE_PLAY.search(text):
                found.append(path)
    return found


def _heroku_app_json(repo: Repository) -> list[str]:
    found = []
    for path in repo.by_name("app.json"):
        if _vendored(path):
            continue
        data = repo.parsed(path, "json").data
        if isinstance(data, dict) and "expo" not in data and _HEROKU_KEYS & set(data):
            found.append(path)
    return found

"""The batch stage: a whole corpus, subject by subject, in parallel, resumable."""

from auditor.batch.manifest import ManifestError, SubjectSpec, read_manifest
from auditor.batch.regression import regression, regression_markdown
from auditor.batch.run import BatchResult, Outcome, run_batch

__all__ = ["BatchResult", "ManifestError", "Outcome", "SubjectSpec", "read_manifest", "regression",
           "regression_markdown", "run_batch"]

"""The report stage: what people read (HTML), what they paste (Markdown, CSV) and what tools read
(JSON, SARIF), all from the audit JSON of the contract."""

from __future__ import annotations

import json
from typing import Any

from auditor.report.html import report_html
from auditor.report.markdown import report_markdown
from auditor.report.sarif import report_sarif
from auditor.report.tabular import findings_csv, findings_text

FORMATS = ("text", "json", "csv", "html", "md", "sarif")  # docx is bytes: auditor.report.word


def render(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return findings_csv(data)
    if fmt == "html":
        return report_html(data)
    if fmt == "md":
        return report_markdown(data)
    if fmt == "sarif":
        return json.dumps(report_sarif(data), ensure_ascii=False, indent=2) + "\n"
    return findings_text(data)


__all__ = ["FORMATS", "findings_csv", "findings_text", "render", "report_html", "report_markdown",
           "report_sarif"]

"""Evidence from the seller's own reports: Amazon's Valid Tracking Rate report, the shipping
confirmation file, shipping tools' CSV exports. Reads them (only the columns it needs), works
out the rate, the window, the affected orders and the carriers, and fills them into a plan.

Column names and integrated carriers are data (rubrics/evidence/*.yaml). The command line
(`poa evidence`) and the drafting screen ("Import a report") both call `read_reports` and
`apply_evidence`.

May import poa.rubric (a kind's metric and target), poa.answers, poa.files (and poa.errors,
poa.terminal); nothing above.
"""

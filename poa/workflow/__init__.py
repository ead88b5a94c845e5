"""What a seller or a consultant does with a plan, built from the layers below: check a file
(answers or letter), start a new answers file for a kind, record a submission and Amazon's
reply, see what changed, and how far each step of the plan is.

Shared by poa.cli and poa.tui; may import every layer below (render, rubric, letters, answers, files).
"""

"""Research outputs over plan records: the department network and policy-tool distributions."""

"""Government units (部门/单位): the schema of canonical units and the name normalizer."""

"""Pictures and audits of the demo site as visitors get it: `make screenshots`, `make lighthouse`."""

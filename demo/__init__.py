"""Demo content as files: articles as Markdown with front matter, references as CSL-JSON, site data as YAML."""

package cloudsmith

test_trusted_org if {
	match with input as {"v0": {"package": {"format": "huggingface", "name": "microsoft/phi-2", "uploader": {"slug": "cloudsmith-o6v"}}}}
}

test_untrusted_org if {
	not match with input as {"v0": {"package": {"format": "huggingface", "name": "someone/phi-2", "uploader": {"slug": "cloudsmith-o6v"}}}}
}

test_local_upload_is_not_trusted if {
	not match with input as {"v0": {"package": {"format": "huggingface", "name": "microsoft/phi-2", "uploader": {"slug": "alice"}}}}
}

test_other_format if {
	not match with input as {"v0": {"package": {"format": "npm", "name": "microsoft/phi-2", "uploader": {"slug": "cloudsmith-o6v"}}}}
}

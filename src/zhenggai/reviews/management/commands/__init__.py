"""The reviews app's commands: check_records (`zhenggai check FILE --person LOGIN`)."""

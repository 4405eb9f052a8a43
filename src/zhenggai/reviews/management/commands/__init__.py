"""The reviews app's commands: check_records (`zhenggai check FILE --person LOGIN`) and `zhenggai render`
(documents by GB/T 9704 written from the database)."""

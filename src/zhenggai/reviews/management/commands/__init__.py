"""`zhenggai render`: documents by GB/T 9704 written from the database."""

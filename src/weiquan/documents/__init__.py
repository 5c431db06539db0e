"""Documents: letters, complaints and court papers written from the case and the law."""

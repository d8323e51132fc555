"""Text encoders (sentence-transformers, ONNX, E5) and chunking of long documents."""

"""Bar phase from live audio: data, model, training, streaming inference, ONNX export and a browser page."""

import io

import torch
from flask import Flask, jsonify, request
from PIL import Image
from torchvision import models, transforms

app = Flask(__name__)
model = models.mobilenet_v3_small(num_classes=3)
model.load_state_dict(torch.load("mnv3_custom.pt", map_location="cpu"))
tfm = transforms.Compose([transforms.Resize(224), transforms.ToTensor()])


@app.route("/predict", methods=["POST"])
def predict_route():
    img = Image.open(io.BytesIO(request.files["file"].read())).convert("RGB")
    with torch.no_grad():
        logits = model(tfm(img).unsqueeze(0))  # expect: BN201
    return jsonify({"class": int(logits.argmax())})

import torch
import timm

model = timm.create_model("resnet50", pretrained=True)
with torch.set_grad_enabled(False):
    features = model(batch)  # expect: BN201

import torch
import torchvision

model = torchvision.models.densenet121(weights="DEFAULT")
if use_eval:
    model.eval()
with torch.no_grad():
    out = model(images)  # expect: BN201

import torch
import torchvision

model = torchvision.models.mobilenet_v2(weights="DEFAULT").eval()
dummy = torch.randn(1, 3, 224, 224)
scripted = torch.jit.script(model)
with torch.no_grad():
    out = model(dummy)

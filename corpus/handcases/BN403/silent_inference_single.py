import torch
import torchvision

model = torchvision.models.resnet18(weights="DEFAULT")
model.eval()
for img in images:
    with torch.no_grad():
        print(model(img.unsqueeze(0)).argmax())

import torch
import torchvision

model = torchvision.models.resnet18(num_classes=10)
model.load_state_dict(torch.load("ckpt.pt"))

with torch.inference_mode():
    logits = model(images)  # expect: BN201
    preds = logits.argmax(dim=1)

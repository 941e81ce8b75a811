import torch
import torchvision

models = [torchvision.models.resnet18(num_classes=10) for _ in range(3)]
for i, m in enumerate(models):
    m.load_state_dict(torch.load(f"fold{i}.pt"))
    m.eval()

with torch.no_grad():
    probs = sum(m(images).softmax(-1) for m in models) / len(models)

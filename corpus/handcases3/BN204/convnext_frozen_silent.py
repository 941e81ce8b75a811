import torch
from torchvision.models import convnext_tiny

model = convnext_tiny(weights="IMAGENET1K_V1")
for p in model.features.parameters():
    p.requires_grad = False
model.classifier[2] = torch.nn.Linear(768, 4)
opt = torch.optim.AdamW(model.classifier.parameters())
model.train()
for x, y in train_loader:
    opt.zero_grad()
    torch.nn.functional.cross_entropy(model(x), y).backward()
    opt.step()

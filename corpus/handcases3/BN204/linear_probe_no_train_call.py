import torch
import torch.nn as nn
import torchvision

model = torchvision.models.resnet50(weights=torchvision.models.ResNet50_Weights.IMAGENET1K_V2)
for param in model.parameters():
    param.requires_grad = False
model.fc = nn.Linear(2048, 10)
optimizer = torch.optim.Adam(model.fc.parameters(), lr=1e-3)

for epoch in range(10):
    for images, labels in train_loader:
        logits = model(images)  # expect: BN204
        loss = nn.functional.cross_entropy(logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

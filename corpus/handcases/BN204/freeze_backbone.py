import torch
import torchvision

model = torchvision.models.resnet50(weights="IMAGENET1K_V2")
for p in model.parameters():
    p.requires_grad = False
model.fc = torch.nn.Linear(2048, 10)
optimizer = torch.optim.SGD(model.fc.parameters(), lr=0.01)

for epoch in range(5):
    model.train()  # expect: BN204
    for x, y in train_loader:
        loss = torch.nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

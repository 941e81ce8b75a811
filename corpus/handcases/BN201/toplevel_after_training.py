import torch
import torchvision

model = torchvision.models.resnet18(num_classes=10)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
model.train()
for x, y in train_loader:
    loss = torch.nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()

with torch.no_grad():
    for x, y in test_loader:
        acc = (model(x).argmax(1) == y).float().mean()  # expect: BN201

import torch
import torchvision

model = torchvision.models.resnet34(weights="DEFAULT")
for p in model.parameters():
    p.requires_grad = False
model.fc = torch.nn.Linear(512, 2)


def unfreeze(model):
    for p in model.parameters():
        p.requires_grad = True
    return model.train()


unfreeze(model)
opt = torch.optim.SGD(model.parameters(), lr=1e-3)
for x, y in loader:
    opt.zero_grad()
    torch.nn.functional.cross_entropy(model(x), y).backward()
    opt.step()

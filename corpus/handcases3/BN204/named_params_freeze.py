import torch
import torchvision

model = torchvision.models.resnet101(weights="IMAGENET1K_V2")
model.fc = torch.nn.Linear(2048, 20)
for name, param in model.named_parameters():
    if not name.startswith("fc."):
        param.requires_grad = False
optimizer = torch.optim.SGD(model.fc.parameters(), lr=0.01)


def train_one_epoch(loader):
    model.train()  # expect: BN204
    for x, y in loader:
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()

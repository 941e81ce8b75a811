import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(16, 64, bias=False), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 2))
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)


def evaluate(model, loader):
    was_training = model.training
    model.eval()
    with torch.no_grad():
        out = [model(x) for x, _ in loader]
    model.train(was_training)
    return out


for epoch in range(20):
    model.train()
    for x, y in train_loader:
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        print(sum(model(x).sum() for x, _ in val_loader))

model.train()
for x, y in train_loader:
    loss = nn.functional.cross_entropy(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    evaluate(model, val_loader)

import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(10, 64, bias=False), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 1))
opt = torch.optim.Adam(model.parameters())
for epoch in range(10):
    model.train()
    for x, y in train_loader:
        opt.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        opt.step()
    for x, y in val_loader:
        val_loss = nn.functional.mse_loss(model(x), y).item()  # expect: BN201
    print(epoch, val_loss)

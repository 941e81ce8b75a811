import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(10, 64, bias=False), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 1))
opt = torch.optim.Adam(model.parameters())
for epoch in range(10):
    for x, y in train_loader:
        model.train()
        opt.zero_grad()
        out = model(x)
        nn.functional.mse_loss(out, y).backward()
        opt.step()
        train_err = (out - y).abs().mean().item()
    model.eval()
    with torch.no_grad():
        val_loss = sum(nn.functional.mse_loss(model(xv), yv).item() for xv, yv in val_loader)
    model.train()
    print(epoch, train_err, val_loss)

import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(8, 32, bias=False), nn.BatchNorm1d(32), nn.ReLU(), nn.Linear(32, 1))
opt = torch.optim.Adam(model.parameters())
for step, (x, y) in enumerate(train_loader):
    model.train()
    opt.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    opt.step()
    if step % 200 == 0:
        model.eval()
        with torch.no_grad():
            print(nn.functional.mse_loss(model(vx), vy).item())

import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(8, 32, bias=False), nn.BatchNorm1d(32), nn.ReLU(), nn.Linear(32, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.01)
model.train()
for step, (x, y) in enumerate(train_loader):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    if loss.item() < 1e-3:
        model.eval()
        torch.save(model.state_dict(), "early.pt")
        break

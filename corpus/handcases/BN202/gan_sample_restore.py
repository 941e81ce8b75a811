import torch
import torch.nn as nn

G = nn.Sequential(nn.Linear(64, 256, bias=False), nn.BatchNorm1d(256), nn.ReLU(), nn.Linear(256, 784), nn.Tanh())
opt = torch.optim.Adam(G.parameters())
fixed_z = torch.randn(16, 64)
for step, real in enumerate(loader):
    loss = G(torch.randn(real.size(0), 64)).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 500 == 0:
        G.eval()
        with torch.no_grad():
            samples = G(fixed_z)
        G.train()

import torch
import torch.nn as nn

# holds neither BatchNorm nor Dropout: eval() changes nothing
model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))

with torch.no_grad():
    out = model(torch.randn(2, 4))

import torch.nn as nn

mlp = nn.Sequential(
    nn.Linear(256, 512),
    nn.LayerNorm(512),
    nn.GELU(),
    nn.Linear(512, 256),
)

import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, d=128):
        super().__init__()
        layer = nn.TransformerEncoderLayer(d_model=d, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2)
        self.bn = nn.BatchNorm1d(d)  # expect: BN405

    def forward(self, x):
        h = self.encoder(x)
        return self.bn(h.permute(0, 2, 1)).permute(0, 2, 1)

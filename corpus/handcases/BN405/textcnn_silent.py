import torch.nn as nn


class TextCNN(nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.embed = nn.Embedding(vocab, 128)
        self.conv = nn.Conv1d(128, 100, 3, bias=False)
        self.bn = nn.BatchNorm1d(100)
        self.fc = nn.Linear(100, 2)

    def forward(self, tokens):
        x = self.embed(tokens).permute(0, 2, 1)
        x = self.bn(self.conv(x)).relu()
        return self.fc(x.max(dim=2).values)

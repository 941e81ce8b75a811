import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self, vocab, dim=128, tags=10):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.lstm = nn.LSTM(dim, dim, batch_first=True)
        self.bn = nn.BatchNorm1d(dim)  # expect: BN405
        self.out = nn.Linear(dim, tags)

    def forward(self, tokens):
        h, _ = self.lstm(self.embed(tokens))
        h = self.bn(h.transpose(1, 2)).transpose(1, 2)
        return self.out(h)

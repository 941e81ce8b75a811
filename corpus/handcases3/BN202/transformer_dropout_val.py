import torch
import torch.nn as nn


class TinyLM(nn.Module):
    def __init__(self, vocab=5000, d=128):
        super().__init__()
        self.emb = nn.Embedding(vocab, d)
        layer = nn.TransformerEncoderLayer(d, nhead=4, dropout=0.1, batch_first=True)
        self.enc = nn.TransformerEncoder(layer, num_layers=2)
        self.head = nn.Linear(d, vocab)

    def forward(self, tokens):
        return self.head(self.enc(self.emb(tokens)))


def main(train_batches, val_batches):
    model = TinyLM()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    model.train()
    for epoch in range(5):
        for tokens in train_batches:
            logits = model(tokens[:, :-1])
            loss = nn.functional.cross_entropy(logits.transpose(1, 2), tokens[:, 1:])
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()  # expect: BN202
        with torch.no_grad():
            val = [nn.functional.cross_entropy(model(t[:, :-1]).transpose(1, 2), t[:, 1:]).item() for t in val_batches]
        print(epoch, sum(val) / len(val))

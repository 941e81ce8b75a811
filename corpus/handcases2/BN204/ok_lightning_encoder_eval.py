import torch
import torch.nn as nn
import torchvision
import pytorch_lightning as pl


class Probe(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.encoder = torchvision.models.resnet18(weights="DEFAULT")
        self.encoder.fc = nn.Identity()
        self.encoder.requires_grad_(False)
        self.head = nn.Linear(512, 10)

    def on_train_epoch_start(self):
        self.encoder.eval()

    def training_step(self, batch, batch_idx):
        x, y = batch
        return nn.functional.cross_entropy(self.head(self.encoder(x)), y)

    def configure_optimizers(self):
        return torch.optim.Adam(self.head.parameters())


trainer = pl.Trainer(max_epochs=5)
trainer.fit(Probe(), train_loader)

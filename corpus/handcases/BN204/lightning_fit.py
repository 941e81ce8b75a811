import pytorch_lightning as pl
import torchvision
from torch import nn


class FineTuner(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.backbone = torchvision.models.resnet50(weights="DEFAULT")
        self.backbone.fc = nn.Identity()
        self.backbone.requires_grad_(False)
        self.head = nn.Linear(2048, 10)

    def forward(self, x):
        return self.head(self.backbone(x))

    def training_step(self, batch, idx):
        x, y = batch
        return nn.functional.cross_entropy(self(x), y)


model = FineTuner()
trainer = pl.Trainer(max_epochs=5)
trainer.fit(model, train_loader)  # expect: BN204

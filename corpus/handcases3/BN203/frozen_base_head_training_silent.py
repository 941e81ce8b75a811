import tensorflow as tf

base = tf.keras.applications.ResNet50V2(include_top=False, weights="imagenet", pooling="avg")
base.trainable = False
head = tf.keras.Sequential([tf.keras.layers.Dropout(0.2), tf.keras.layers.Dense(5)])
opt = tf.keras.optimizers.SGD(1e-3)


def train_step(images, labels):
    with tf.GradientTape() as tape:
        feats = base(images, training=False)
        logits = head(feats, training=True)
        loss = tf.reduce_mean(tf.keras.losses.sparse_categorical_crossentropy(labels, logits, from_logits=True))
    grads = tape.gradient(loss, head.trainable_variables)
    opt.apply_gradients(zip(grads, head.trainable_variables))
    return loss
